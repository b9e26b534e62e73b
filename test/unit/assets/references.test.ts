import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REFERENCE_RULES, detectFacts, referenceFor, type ProjectFacts, type ReferenceInput, type ReferenceRule } from '../../../src/assets/references';

/** An input with audio and the workspace root `/proj` unless told otherwise. */
function input(asset: string, target: string, languageId: string, facts: Partial<ProjectFacts> = {}, kind: 'audio' | 'video' = 'audio'): ReferenceInput {
	return { asset, target, languageId, kind, facts: { workspaceRoot: '/proj', ...facts } };
}

describe('referenceFor: Godot', () => {
	it('preloads from res:// in GDScript (POSIX and Windows)', () => {
		assert.equal(referenceFor(input('/proj/game/sfx/rain.ogg', '/proj/game/scripts/player.gd', 'gdscript', { godotRoot: '/proj/game' })), 'preload("res://sfx/rain.ogg")');
		assert.equal(
			referenceFor(input('C:\\proj\\sfx\\rain.ogg', 'C:\\proj\\scripts\\player.gd', 'gdscript', { workspaceRoot: 'C:\\proj', godotRoot: 'C:\\proj' })),
			'preload("res://sfx/rain.ogg")',
		);
		assert.equal(referenceFor(input('C:/proj/Sfx/Rain Drops.ogg', 'c:\\proj\\player.gd', 'gdscript', { godotRoot: 'c:\\Proj' })), 'preload("res://Sfx/Rain Drops.ogg")');
	});

	it('loads an AudioStream or a VideoStream in C#', () => {
		const facts = { godotRoot: '/proj' };
		assert.equal(referenceFor(input('/proj/audio/rain.ogg', '/proj/src/Player.cs', 'csharp', facts)), 'GD.Load<AudioStream>("res://audio/rain.ogg")');
		assert.equal(referenceFor(input('/proj/video/intro.ogv', '/proj/src/Player.cs', 'csharp', facts, 'video')), 'GD.Load<VideoStream>("res://video/intro.ogv")');
		assert.equal(referenceFor(input('D:\\g\\video\\intro.ogv', 'D:\\g\\Main.cs', 'csharp', { godotRoot: 'D:\\g' }, 'video')), 'GD.Load<VideoStream>("res://video/intro.ogv")');
	});

	it('falls back to a relative path when the asset is outside the Godot project', () => {
		assert.equal(referenceFor(input('/proj/shared/rain.ogg', '/proj/game/player.gd', 'gdscript', { godotRoot: '/proj/game' })), '../shared/rain.ogg');
		assert.equal(referenceFor(input('/proj/sfx/rain.ogg', '/proj/player.gd', 'gdscript')), './sfx/rain.ogg');
	});

	it('escapes quotes in the string literal', () => {
		assert.equal(referenceFor(input('/proj/sfx/say "hi".ogg', '/proj/a.gd', 'gdscript', { godotRoot: '/proj' })), 'preload("res://sfx/say \\"hi\\".ogg")');
	});
});

describe('referenceFor: Unity', () => {
	const facts = { unityRoot: '/proj/Game' };

	it('uses Resources.Load with the path inside Resources, without the extension', () => {
		assert.equal(
			referenceFor(input('/proj/Game/Assets/Resources/Audio/rain.ogg', '/proj/Game/Assets/Scripts/Player.cs', 'csharp', facts)),
			'Resources.Load<AudioClip>("Audio/rain")',
		);
		assert.equal(
			referenceFor(input('/proj/Game/Assets/Levels/Resources/rain.ogg', '/proj/Game/Assets/Scripts/Player.cs', 'csharp', facts)),
			'Resources.Load<AudioClip>("rain")',
		);
		assert.equal(
			referenceFor(input('/proj/Game/Assets/Resources/Cutscenes/intro.mp4', '/proj/Game/Assets/Scripts/Player.cs', 'csharp', facts, 'video')),
			'Resources.Load<VideoClip>("Cutscenes/intro")',
		);
	});

	it('uses the innermost Resources folder', () => {
		assert.equal(referenceFor(input('/proj/Game/Assets/Resources/A/Resources/b.wav', '/proj/Game/Assets/P.cs', 'csharp', facts)), 'Resources.Load<AudioClip>("b")');
	});

	it('works with Windows paths', () => {
		const win = { workspaceRoot: 'C:\\proj', unityRoot: 'C:\\proj' };
		assert.equal(
			referenceFor(input('C:\\proj\\Assets\\Resources\\Sfx\\rain.ogg', 'C:\\proj\\Assets\\Scripts\\Player.cs', 'csharp', win)),
			'Resources.Load<AudioClip>("Sfx/rain")',
		);
		assert.equal(referenceFor(input('C:\\proj\\Assets\\Audio\\rain.ogg', 'C:\\proj\\Assets\\Scripts\\Player.cs', 'csharp', win)), '"Assets/Audio/rain.ogg"');
	});

	it('quotes the path from the Unity root outside Resources', () => {
		assert.equal(referenceFor(input('/proj/Game/Assets/Audio/rain.ogg', '/proj/Game/Assets/Scripts/Player.cs', 'csharp', facts)), '"Assets/Audio/rain.ogg"');
		assert.equal(referenceFor(input('/proj/Game/Assets/Video/intro.mp4', '/proj/Game/Assets/Scripts/Player.cs', 'csharp', facts, 'video')), '"Assets/Video/intro.mp4"');
		// A file named Resources is not a Resources folder.
		assert.equal(referenceFor(input('/proj/Game/Assets/Audio/Resources', '/proj/Game/Assets/P.cs', 'csharp', facts)), '"Assets/Audio/Resources"');
	});

	it('falls back to a relative path outside Assets', () => {
		assert.equal(referenceFor(input('/proj/Game/Media/rain.ogg', '/proj/Game/Assets/Scripts/Player.cs', 'csharp', facts)), '../../Media/rain.ogg');
		assert.equal(referenceFor(input('/proj/Media/rain.ogg', '/proj/Tool.cs', 'csharp')), './Media/rain.ogg');
	});
});

describe('referenceFor: LÖVE and Bevy', () => {
	it('makes a static LÖVE source or a video from the LÖVE root', () => {
		const facts = { loveRoot: '/proj' };
		assert.equal(referenceFor(input('/proj/sfx/rain.ogg', '/proj/src/player.lua', 'lua', facts)), 'love.audio.newSource("sfx/rain.ogg", "static")');
		assert.equal(referenceFor(input('/proj/video/intro.ogv', '/proj/src/player.lua', 'lua', facts, 'video')), 'love.graphics.newVideo("video/intro.ogv")');
		assert.equal(referenceFor(input('C:\\proj\\sfx\\rain.ogg', 'C:\\proj\\main.lua', 'lua', { loveRoot: 'C:\\proj' })), 'love.audio.newSource("sfx/rain.ogg", "static")');
	});

	it('plain Lua without LÖVE gets the relative path', () => {
		assert.equal(referenceFor(input('/proj/sfx/rain.ogg', '/proj/src/player.lua', 'lua')), '../sfx/rain.ogg');
	});

	it('loads through the asset server from inside assets/', () => {
		const facts = { bevyRoot: '/proj/game' };
		assert.equal(referenceFor(input('/proj/game/assets/sfx/rain.ogg', '/proj/game/src/main.rs', 'rust', facts)), 'asset_server.load("sfx/rain.ogg")');
		assert.equal(referenceFor(input('/proj/game/assets/intro.webm', '/proj/game/src/main.rs', 'rust', facts, 'video')), 'asset_server.load("intro.webm")');
		assert.equal(referenceFor(input('C:\\game\\assets\\sfx\\rain.ogg', 'C:\\game\\src\\main.rs', 'rust', { bevyRoot: 'C:\\game' })), 'asset_server.load("sfx/rain.ogg")');
	});

	it('a Bevy asset outside assets/ gets the relative path', () => {
		assert.equal(referenceFor(input('/proj/game/media/rain.ogg', '/proj/game/src/main.rs', 'rust', { bevyRoot: '/proj/game' })), '../media/rain.ogg');
	});
});

describe('referenceFor: web and documents', () => {
	it('quotes the relative path for TypeScript and JavaScript', () => {
		assert.equal(referenceFor(input('/proj/src/sfx/rain.ogg', '/proj/src/game.ts', 'typescript')), "'./sfx/rain.ogg'");
		assert.equal(referenceFor(input('/proj/assets/rain.ogg', '/proj/src/ui/App.tsx', 'typescriptreact')), "'../../assets/rain.ogg'");
		assert.equal(referenceFor(input('/proj/rain.ogg', '/proj/index.js', 'javascript')), "'./rain.ogg'");
		assert.equal(referenceFor(input('/proj/intro.mp4', '/proj/View.jsx', 'javascriptreact', {}, 'video')), "'./intro.mp4'");
		assert.equal(referenceFor(input('C:\\proj\\src\\sfx\\rain.ogg', 'C:\\proj\\src\\game.ts', 'typescript')), "'./sfx/rain.ogg'");
		assert.equal(referenceFor(input("/proj/it's.ogg", '/proj/a.ts', 'typescript')), "'./it\\'s.ogg'");
	});

	it('writes an <audio> or <video> element with an escaped src', () => {
		assert.equal(referenceFor(input('/proj/site/sfx/rain.ogg', '/proj/site/index.html', 'html')), '<audio src="sfx/rain.ogg" controls></audio>');
		assert.equal(referenceFor(input('/proj/media/intro.mp4', '/proj/site/index.html', 'html', {}, 'video')), '<video src="../media/intro.mp4" controls></video>');
		assert.equal(referenceFor(input('/proj/site/a "b" & <c>.ogg', '/proj/site/index.html', 'html')), '<audio src="a &quot;b&quot; &amp; &lt;c>.ogg" controls></audio>');
		assert.equal(referenceFor(input('C:\\site\\sfx\\rain.ogg', 'C:\\site\\index.html', 'html')), '<audio src="sfx/rain.ogg" controls></audio>');
	});

	it('writes a Markdown link with spaces encoded and parentheses escaped', () => {
		assert.equal(referenceFor(input('/proj/docs/media/rain.ogg', '/proj/docs/README.md', 'markdown')), '[rain.ogg](media/rain.ogg)');
		assert.equal(referenceFor(input('/proj/my media/rain (take 2).ogg', '/proj/docs/notes.md', 'markdown')), '[rain (take 2).ogg](../my%20media/rain%20\\(take%202\\).ogg)');
		assert.equal(referenceFor(input('/proj/docs/[draft].mp4', '/proj/docs/a.md', 'markdown', {}, 'video')), '[\\[draft\\].mp4]([draft].mp4)');
		assert.equal(referenceFor(input('C:\\proj\\docs\\my clip.mp4', 'C:\\proj\\docs\\a.md', 'markdown', {}, 'video')), '[my clip.mp4](my%20clip.mp4)');
	});
});

describe('referenceFor: matching', () => {
	it('matches by extension when the language id is plaintext or unknown', () => {
		assert.equal(referenceFor(input('/proj/sfx/rain.ogg', '/proj/player.GD', 'plaintext', { godotRoot: '/proj' })), 'preload("res://sfx/rain.ogg")');
		assert.equal(referenceFor(input('/proj/sfx/rain.ogg', '/proj/main.lua', 'plaintext', { loveRoot: '/proj' })), 'love.audio.newSource("sfx/rain.ogg", "static")');
		assert.equal(referenceFor(input('/proj/sfx/rain.ogg', '/proj/tool.mjs', 'some-unknown-id')), "'./sfx/rain.ogg'");
		assert.equal(referenceFor(input('/proj/sfx/rain.ogg', '/proj/page.htm', 'plaintext')), '<audio src="sfx/rain.ogg" controls></audio>');
		assert.equal(referenceFor(input('C:\\proj\\sfx\\rain.ogg', 'C:\\proj\\player.gd', 'plaintext', { godotRoot: 'C:\\proj' })), 'preload("res://sfx/rain.ogg")');
	});

	it('trusts a known language id over the extension', () => {
		// A .gd file that VS Code calls TypeScript is treated as TypeScript.
		assert.equal(referenceFor(input('/proj/sfx/rain.ogg', '/proj/weird.gd', 'typescript', { godotRoot: '/proj' })), "'./sfx/rain.ogg'");
	});

	it('falls back to the relative path for anything else', () => {
		assert.equal(referenceFor(input('/proj/sfx/rain.ogg', '/proj/notes.txt', 'plaintext')), './sfx/rain.ogg');
		assert.equal(referenceFor(input('/proj/sfx/rain.ogg', '/proj/tools/gen.py', 'python')), '../sfx/rain.ogg');
		assert.equal(referenceFor(input('/proj/a/b/rain.ogg', '/proj/x/y/Makefile', 'makefile')), '../../a/b/rain.ogg');
		assert.equal(referenceFor(input('C:\\proj\\sfx\\rain.ogg', 'C:\\proj\\tools\\gen.py', 'python')), '../sfx/rain.ogg');
		assert.equal(referenceFor(input('C:\\proj\\rain.ogg', 'C:\\proj\\notes.txt', 'plaintext')), './rain.ogg');
		assert.equal(referenceFor(input('D:\\media\\rain.ogg', 'C:\\proj\\notes.txt', 'plaintext')), 'D:/media/rain.ogg');
	});

	it('takes the first rule that matches and applies', () => {
		// A C# file in a folder that is both a Godot and a Unity project: Godot comes first.
		const both = { godotRoot: '/proj', unityRoot: '/proj' };
		assert.equal(referenceFor(input('/proj/Assets/Resources/rain.ogg', '/proj/Assets/P.cs', 'csharp', both)), 'GD.Load<AudioStream>("res://Assets/Resources/rain.ogg")');
		// Unity: Resources comes before the plain asset path.
		assert.ok(REFERENCE_RULES.findIndex((r) => r.id === 'unity-resources') < REFERENCE_RULES.findIndex((r) => r.id === 'unity-asset-path'));
		const rule = (id: string, applies: boolean): ReferenceRule => ({ id, languages: ['x'], extensions: ['.x'], applies: () => applies, render: () => id });
		const custom = [rule('first', false), rule('second', true), rule('third', true)];
		assert.equal(referenceFor(input('/proj/a.ogg', '/proj/b.x', 'x'), custom), 'second');
		assert.equal(referenceFor(input('/proj/a.ogg', '/proj/b.x', 'plaintext'), custom), 'second');
		assert.equal(referenceFor(input('/proj/a.ogg', '/proj/b.x', 'x'), [rule('off', false)]), './a.ogg');
	});

	it('gives every rule a unique id, lower-case dotted extensions and at least one language', () => {
		assert.equal(new Set(REFERENCE_RULES.map((r) => r.id)).size, REFERENCE_RULES.length);
		for (const r of REFERENCE_RULES) {
			assert.ok(r.languages.length > 0, r.id);
			assert.ok(r.extensions.every((e) => /^\.[a-z]+$/.test(e)), r.id);
		}
	});
});

describe('detectFacts', () => {
	/** A fake file system: the set of paths that exist, and file texts. */
	const fs = (paths: string[], texts: Record<string, string> = {}) => ({
		exists: (p: string) => paths.includes(p),
		readText: (p: string) => texts[p],
	});

	it('finds nothing in a plain workspace', () => {
		const f = fs([]);
		assert.deepEqual(detectFacts('/ws', '/ws/src/a.ts', f.exists, f.readText), { workspaceRoot: '/ws' });
	});

	it('takes the nearest project.godot', () => {
		const f = fs(['/ws/project.godot', '/ws/games/one/project.godot']);
		assert.deepEqual(detectFacts('/ws', '/ws/games/one/scripts/player.gd', f.exists), { workspaceRoot: '/ws', godotRoot: '/ws/games/one' });
		assert.deepEqual(detectFacts('/ws', '/ws/games/two/player.gd', f.exists), { workspaceRoot: '/ws', godotRoot: '/ws' });
	});

	it('looks no higher than the workspace root, but includes it', () => {
		const f = fs(['/project.godot', '/ws/conf.lua']);
		assert.deepEqual(detectFacts('/ws', '/ws/a/b/main.lua', f.exists), { workspaceRoot: '/ws', loveRoot: '/ws' });
		assert.deepEqual(detectFacts('/ws', '/elsewhere/main.lua', fs(['/elsewhere/main.lua']).exists), { workspaceRoot: '/ws' });
	});

	it('requires ProjectSettings beside Assets for Unity', () => {
		assert.deepEqual(detectFacts('/ws', '/ws/Assets/Scripts/P.cs', fs(['/ws/Assets']).exists), { workspaceRoot: '/ws' });
		assert.deepEqual(detectFacts('/ws', '/ws/Assets/Scripts/P.cs', fs(['/ws/Assets', '/ws/ProjectSettings']).exists), { workspaceRoot: '/ws', unityRoot: '/ws' });
	});

	it('finds LÖVE by main.lua or conf.lua', () => {
		assert.deepEqual(detectFacts('/ws', '/ws/game/src/player.lua', fs(['/ws/game/main.lua']).exists), { workspaceRoot: '/ws', loveRoot: '/ws/game' });
		assert.deepEqual(detectFacts('/ws', '/ws/game/src/player.lua', fs(['/ws/game/src/conf.lua']).exists), { workspaceRoot: '/ws', loveRoot: '/ws/game/src' });
	});

	it('finds a Bevy crate by its Cargo.toml and ignores crates without bevy', () => {
		const f = fs(['/ws/Cargo.toml', '/ws/crates/tool/Cargo.toml', '/ws/crates/game/Cargo.toml'], {
			'/ws/Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
			'/ws/crates/tool/Cargo.toml': '[package]\nname = "tool"\n[dependencies]\nserde = "1"\n',
			'/ws/crates/game/Cargo.toml': '[package]\nname = "game"\n[dependencies]\nbevy = "0.14"\n',
		});
		assert.deepEqual(detectFacts('/ws', '/ws/crates/game/src/main.rs', f.exists, f.readText), { workspaceRoot: '/ws', bevyRoot: '/ws/crates/game' });
		assert.deepEqual(detectFacts('/ws', '/ws/crates/tool/src/main.rs', f.exists, f.readText), { workspaceRoot: '/ws' });
		// Without readText no Cargo.toml can be checked.
		assert.deepEqual(detectFacts('/ws', '/ws/crates/game/src/main.rs', f.exists), { workspaceRoot: '/ws' });
	});

	it('skips a nearer Cargo.toml without bevy for a farther one with it', () => {
		const f = fs(['/ws/Cargo.toml', '/ws/sub/Cargo.toml'], {
			'/ws/Cargo.toml': '[dependencies.bevy]\nversion = "0.14"\n',
			'/ws/sub/Cargo.toml': '[package]\nname = "sub"\n',
		});
		assert.deepEqual(detectFacts('/ws', '/ws/sub/src/lib.rs', f.exists, f.readText), { workspaceRoot: '/ws', bevyRoot: '/ws' });
	});

	it('reports every root it finds', () => {
		const f = fs(['/ws/project.godot', '/ws/Assets', '/ws/ProjectSettings', '/ws/main.lua', '/ws/Cargo.toml'], { '/ws/Cargo.toml': 'bevy_kira_audio = "0.20"' });
		assert.deepEqual(detectFacts('/ws', '/ws/x.cs', f.exists, f.readText), { workspaceRoot: '/ws', godotRoot: '/ws', unityRoot: '/ws', loveRoot: '/ws', bevyRoot: '/ws' });
	});

	it('works with Windows paths', () => {
		const f = fs(['C:\\ws\\game\\project.godot', 'C:\\ws\\Cargo.toml'], { 'C:\\ws\\Cargo.toml': '[dependencies]\nbevy = "0.14"\n' });
		assert.deepEqual(detectFacts('C:\\ws', 'C:\\ws\\game\\scripts\\player.gd', f.exists, f.readText), {
			workspaceRoot: 'C:\\ws',
			godotRoot: 'C:\\ws\\game',
			bevyRoot: 'C:\\ws',
		});
		assert.deepEqual(detectFacts('c:\\WS\\', 'C:\\ws\\game\\player.gd', f.exists, f.readText), { workspaceRoot: 'c:\\WS\\', godotRoot: 'C:\\ws\\game', bevyRoot: 'C:\\ws' });
	});
});
