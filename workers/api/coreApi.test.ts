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

describe('dataStats', () => {
  it('counts again after every kind of change, though it keeps the counts between changes', async () => {
    const profile = createProfile();
    const api = createEngineApi(profile.tab());
    await api.open();
    const notes = async () => (await api.dataStats()).tables.find((t) => t.name === 'notes')!.rows;
    expect(await notes()).toBe(0);
    await api.addNote('one');
    expect(await notes()).toBe(1);
    expect(await notes()).toBe(1);
    await api.addNote('two');
    expect(await notes()).toBe(2);
    // A new file (erase) with as many changes since it opened as the old one had is still counted.
    await api.eraseEverything('ERASE');
    expect(await notes()).toBe(0);
    // The save state is the current one, not the one of the counts kept.
    const saved = await api.flush();
    expect((await api.dataStats()).save.generation).toBe(saved.generation);
  });
});
