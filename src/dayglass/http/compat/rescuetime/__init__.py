"""RescueTime on the wire: parameter names, row headers, envelopes, error bodies, and nothing else.

The Analytic Data API answers from the one query engine; this package only translates.
"""
