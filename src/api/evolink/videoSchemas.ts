/**
 * Request schema for Seedance 1.0 Pro Fast video (api-reference §6.6; the seed document is out of
 * date: the prompt limit is 2000 and 480p exists).
 * Pure: no `vscode` import.
 */
import { z } from 'zod';
import { callbackUrl, fetchableUrl, requiredText } from '../validation';

export const SEEDANCE_MODEL = 'doubao-seedance-1.0-pro-fast';
const SEEDANCE_QUALITIES = ['480p', '720p', '1080p'] as const;
const SEEDANCE_TEXT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'] as const;
/** Only meaningful when an image is given (image-to-video). */
const SEEDANCE_IMAGE_RATIOS = ['keep_ratio', 'adaptive'] as const;
const SEEDANCE_MAX_PROMPT = 2000;

/** `doubao-seedance-1.0-pro-fast`: text-to-video, or image-to-video with one image. */
export const seedanceRequest = z.strictObject({
	model: z.literal(SEEDANCE_MODEL),
	prompt: requiredText(SEEDANCE_MAX_PROMPT),
	duration: z.number().int().min(2).max(12).default(5),
	quality: z.enum(SEEDANCE_QUALITIES).default('1080p'),
	// No default here: the server picks 16:9 for text and adaptive for images.
	aspect_ratio: z.enum([...SEEDANCE_TEXT_RATIOS, ...SEEDANCE_IMAGE_RATIOS]).optional(),
	image_urls: z.array(fetchableUrl()).max(1).optional(),
	callback_url: callbackUrl().optional(),
}).superRefine((v, ctx) => {
	const hasImage = (v.image_urls?.length ?? 0) > 0;
	if (!hasImage && v.aspect_ratio !== undefined && (SEEDANCE_IMAGE_RATIOS as readonly string[]).includes(v.aspect_ratio)) {
		ctx.addIssue({ code: 'custom', path: ['aspect_ratio'], message: `aspect_ratio ${v.aspect_ratio} only works with an image (image_urls)` });
	}
});
