// Public API of @fitcheck/datasets. Named re-exports only; one block per folder.
export {};
