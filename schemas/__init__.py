"""JSON Schemas and Label Studio label configs, installed as package data."""
