/**
 * Validation and result planning for Seedance 1.0 Pro Fast video (§6.6).
 */
import { bad, type Body, callbackUrl, num, oneOf, str, strList } from './check';
import { credits, type Plan } from './plan';

/**
 * Rendered videos are capped at this many seconds so tests stay fast; a request for 2 s gets 2 s,
 * a request for 12 s gets 3 s (`task_info.video_duration` still reports what was asked for).
 */
export const VIDEO_MAX_SECONDS = 3;

/** The short side of the rendered frame per quality: small stand-ins for 480p/720p/1080p. */
export const SHORT_SIDE: Record<string, number> = { '480p': 180, '720p': 270, '1080p': 360 };

const T2V_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'] as const;
const I2V_RATIOS = [...T2V_RATIOS, 'keep_ratio', 'adaptive'] as const;

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

/** Frame size for a quality and aspect ratio (`keep_ratio`/`adaptive` follow 16:9 here: no real input image is read). */
export function frameSize(quality: string, ratio: string): { width: number; height: number } {
	const short = SHORT_SIDE[quality] ?? 360;
	const m = /^(\d+):(\d+)$/.exec(ratio) ?? [ratio, '16', '9'];
	const [w, h] = [Number(m[1]), Number(m[2])];
	return w >= h ? { width: even((short * w) / h), height: short } : { width: short, height: even((short * h) / w) };
}

/** doubao-seedance-1.0-pro-fast: text-to-video or image-to-video. */
export function seedance(body: Body, model: string): Plan {
	const prompt = str(body, 'prompt', 2000, bad('Missing required parameter: prompt'))!;
	const duration = num(body, 'duration', 2, 12, 5, true);
	const quality = oneOf(body, 'quality', ['480p', '720p', '1080p'] as const, '1080p');
	const images = strList(body, 'image_urls', 1);
	const ratio = images.length > 0 ? oneOf(body, 'aspect_ratio', I2V_RATIOS, 'adaptive') : oneOf(body, 'aspect_ratio', T2V_RATIOS, '16:9');
	callbackUrl(body);
	const { width, height } = frameSize(quality, ratio);
	return {
		model,
		family: 'seedance',
		type: 'video',
		policyText: prompt,
		// Billed by duration (example: 8 for the default 5 s).
		credits: credits(1.6 * duration),
		billingRule: 'per_second',
		canCancel: false,
		taskInfo: { video_duration: duration },
		outputs: [{ kind: 'video', seed: { model, prompt, images, ratio }, width, height, seconds: Math.min(duration, VIDEO_MAX_SECONDS) }],
	};
}
