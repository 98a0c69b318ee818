"""Rule families: pure functions from records (and as_of, params) to findings."""
