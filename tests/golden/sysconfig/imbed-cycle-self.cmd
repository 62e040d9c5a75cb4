check tests/golden/sysconfig/imbed/cycle1/SELF.CONFIG
