"""Exercising with others: class kinds and their screening, buddies, groups (pure)."""
