"""Port tests: AWS CDK Batch apps written as real AWS CDK Python apps are written, ported by
changing imports only (README's import mapping), then synthesized, validated and (some) applied."""
