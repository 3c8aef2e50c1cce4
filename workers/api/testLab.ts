import type { EngineRuntime } from '../runtime/runtime';
import { createEngineApi } from './engineApi';

/**
 * The page a reload starts from in API tests: the lab open in `tab` as the writer, with one note
 * written and saved.
 */
export async function openWithSavedNote(tab: EngineRuntime, body: string) {
  const api = createEngineApi(tab);
  await api.open();
  await api.addNote(body);
  await api.flush();
  return api;
}
