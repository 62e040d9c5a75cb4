relocate matrix --config tests/golden/relocate/engine.config --directory tests/golden/relocate/operand-forms.direct
