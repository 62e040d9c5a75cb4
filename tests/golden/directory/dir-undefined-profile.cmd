check --directory tests/golden/directory/dir-undefined-profile.direct
