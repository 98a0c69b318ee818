"""Text helpers: folding for matching, labels, dates, numbers, choices, legacy encodings."""
