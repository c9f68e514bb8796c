"""The project's real-Terraform harness: provider mirror, offline init, moto launcher."""
