check -Wunknown-statement tests/golden/sysconfig/unknown-statement.config
