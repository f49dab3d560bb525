"""Model stage: typed, checked, immutable report objects with derived values marked."""
