print("bango")
