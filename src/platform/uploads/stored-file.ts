/** A file multer already wrote under the upload folder with a random name. */
export interface StoredUpload {
  originalName: string;
  mimeType: string;
  size: number;
  storageKey: string;
}
