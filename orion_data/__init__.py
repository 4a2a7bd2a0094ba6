"""Orion's data layer: warehouse build, indicators, exports and the demand workflow."""
