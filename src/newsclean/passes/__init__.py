"""The built-in passes, one module each, named for what they repair.

Every module here is imported when the pipeline is first built; each registers its pass
with :func:`newsclean.registry.register_pass`. Adding a pass means adding a module.
"""
