check -Wno-reloc-profile-local-link --directory tests/golden/directory/dir-link-target.direct
