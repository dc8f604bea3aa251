"""The craft-village plan tracker: Hanoi's 2017 plan for crafts and craft villages,
planned against achieved."""
