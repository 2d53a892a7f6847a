// Preload: builds window.earshot from the contract (desktop issue). Nothing is exposed yet.
export {};
