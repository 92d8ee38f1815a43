"""Start-up and scanning speed, kept apart from what the rules mean.

prefilter.py skips a rule when a fast scan proves it cannot match;
patterncache.py and datacache.py keep compiled patterns and parsed packs
between runs; lazy.py compiles a pattern on first use; lazyregex.py loads
`regex`'s engine without its compiler, which a start from the cache never
needs; wheelcaches.py builds those caches into the wheel (the build's
hook), so that an installation's first start is warm too.

The bottom layer: imports only the standard library, `regex` and
lint.__version__.
"""
