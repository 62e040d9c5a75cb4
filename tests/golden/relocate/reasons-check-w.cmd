check -Wreloc-local-minidisk -Wreloc-dedicated-eqid tests/golden/relocate/reasons.config tests/golden/relocate/reasons.direct
