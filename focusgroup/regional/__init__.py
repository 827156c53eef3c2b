"""Regional labour-market data for career pathway maps: OEWS state and metro wages (BLS,
May 2025) and O*NET skill and knowledge levels, read from a small index shipped in the package."""
