check tests/golden/sysconfig/cpowned-slot-conflict.config
