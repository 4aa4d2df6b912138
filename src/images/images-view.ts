/**
 * The generated images under an answer: each image with its alt text and a download link.
 *
 * @module
 */
import { generatedImageUrl } from './generated-image-url.js';
import type { ImageStrings } from './image-strings.js';
import type { RoomKit } from '../rooms/room-kit.js';
import type { GeneratedImage } from '../types.js';

/** The file name a download gets: `image-1.png`, from the URL's own type. */
function fileName(url: string, index: number): string {
  return `image-${index + 1}.${url.slice('data:image/'.length, url.indexOf(';'))}`;
}

/** An image whose bytes do not decode (a PNG header before anything else) hides with its link. */
function hideFigure(event: Event): void {
  (event.target as Element).closest('figure')!.hidden = true;
}

export function imageViews({ html, nothing }: RoomKit) {
  return {
    /** The images that pass {@link generatedImageUrl}; the others are not shown at all. */
    renderImages(images: readonly GeneratedImage[], strings: ImageStrings) {
      return images.map((image, index) => {
        const url = generatedImageUrl(image);
        if (!url) return nothing;
        return html`<figure part="generated-image" class="generated-image">
          <img src=${url} alt=${strings.generatedImage} @error=${hideFigure} />
          <a part="generated-image-download" class="generated-image-download" href=${url} download=${fileName(url, index)}>${strings.downloadImage}</a>
        </figure>`;
      });
    },
  };
}
