import { describe, expect, it } from 'vitest';
import { createProfile } from '../runtime/testRuntime';
import { createEngineApi } from './engineApi';

describe('notes', () => {
  it('confirms a note exactly as it is stored, lone surrogates already replaced', async () => {
    const profile = createProfile();
    const api = createEngineApi(profile.tab());
    await api.open();
    const typed = 'half an emoji \uD83D, a stray \uDE00 and a whole one \uD83D\uDE00';
    const note = await api.addNote(typed);
    expect(note.body).toBe('half an emoji \uFFFD, a stray \uFFFD and a whole one \uD83D\uDE00');
    expect((await api.listNotes())[0]!.body).toBe(note.body);
    await api.flush();
    profile.locks.holder?.release();
    const reloaded = createEngineApi(profile.tab());
    await reloaded.open();
    expect((await reloaded.listNotes())[0]!.body).toBe(note.body);
  });
});
