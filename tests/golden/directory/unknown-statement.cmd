check -Wunknown-statement --directory tests/golden/directory/unknown-statement.direct
