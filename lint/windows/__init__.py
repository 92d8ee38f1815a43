"""Plain texts too long to hold or lint whole (archives, feed dumps).

segments.py cuts a long text where blocks end, each window with its
context; archive.py settles the findings of every window for the file;
stream.py checks a file as it is read, windowfix.py fixes one window by
window, and longfile.py turns both into steps for the process pool.

Imports lint.core, lint.formats and lint.run (settings, files, the pool).
"""
