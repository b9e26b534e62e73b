import { HOUR, type ModelSpec } from '../types';
import { pick } from './qwen';

/** Seedance 1.0 Pro Fast: text-to-video, or image-to-video from one image. */
export const seedance: ModelSpec = {
	id: 'doubao-seedance-1.0-pro-fast',
	provider: 'evolink',
	kind: 'video',
	label: 'Seedance video',
	detail: 'A 2–12 s video from a prompt, or from an image',
	promptField: 'prompt',
	questions: [
		{ field: 'duration', kind: 'number', title: 'Duration in seconds (2–12; billed by duration)', min: 2, max: 12, integer: true, default: 5, setting: 'video.duration' },
		{
			field: 'quality',
			kind: 'pick',
			title: 'Quality',
			default: '720p',
			setting: 'video.quality',
			items: [
				{ value: '480p', label: '480p' },
				{ value: '720p', label: '720p' },
				{ value: '1080p', label: '1080p' },
			],
		},
		{
			field: 'aspect_ratio',
			kind: 'pick',
			title: 'Aspect ratio',
			default: '16:9',
			when: (a) => !a.image && !a.image_urls,
			items: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'].map((r) => ({ value: r, label: r })),
		},
		{
			field: 'aspect_ratio',
			kind: 'pick',
			title: 'Aspect ratio',
			default: 'adaptive',
			when: (a) => Boolean(a.image || a.image_urls),
			items: ['adaptive', 'keep_ratio', '16:9', '9:16', '1:1', '4:3', '3:4', '21:9'].map((r) => ({ value: r, label: r })),
		},
	],
	apiModel: () => 'doubao-seedance-1.0-pro-fast',
	toRequest: (o) => pick(o, ['prompt', 'duration', 'quality', 'aspect_ratio', 'image_urls']),
	fileExtension: () => 'mp4',
	linkTtlMs: 24 * HOUR,
	uploads: [{ field: 'image', target: 'image_urls' }],
	// Videos take minutes: no need to ask every few seconds near the end.
	poll: { capMs: 45_000 },
};
