print("sprout")
