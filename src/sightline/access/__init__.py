"""Who may see which child, and proof of who did: roles and policies, restricted records,
break-glass access, the hash-chained access audit and sign-in hardening."""
