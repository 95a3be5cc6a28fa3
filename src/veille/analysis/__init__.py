"""Analyses over a store: time series of what two actors do to each other (``dyads``)."""
