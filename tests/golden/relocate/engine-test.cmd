relocate test D1 SYS4 --config tests/golden/relocate/engine.config --directory tests/golden/relocate/engine.direct
