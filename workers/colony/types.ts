// Data types of this engine that cross to the UI (re-exported by workers/contract.ts).
export {};
