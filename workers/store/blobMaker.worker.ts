/// <reference lib="webworker" />
/**
 * The helper worker that makes a save's Blobs (blobMaker.ts says why): the staged bytes come in
 * transferred, one Blob per region goes back, and the bytes go back transferred for the next save.
 */
import '../lockdown';
import { blobsOf, type BlobAnswer, type BlobRequest } from './blobMaker';

self.onmessage = (e: MessageEvent<BlobRequest>) => {
  const { id, buffers, regions } = e.data;
  let answer: BlobAnswer;
  try {
    answer = { id, blobs: blobsOf(buffers, regions), buffers };
  } catch (err) {
    answer = { id, failed: String(err), buffers };
  }
  self.postMessage(answer, buffers);
};
