"""Layout stage: layout definitions and themes resolved into absolute boxes (points, top-left origin)."""
