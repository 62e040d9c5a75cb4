check -Wreloc-local-minidisk -Wreloc-dedicated-eqid -Wreloc-dedicated-type -Wreloc-vswitch -Wreloc-domain -Wreloc-option tests/golden/relocate/engine.config tests/golden/relocate/engine.direct
