print("hello from a Batch job")
