#!/usr/bin/env python3
"""The file-system floor of `export --all --out DIR`: write the same files (same names,
same bytes, read from SOURCE) into TARGET the way pathfolio does -- each to a temporary
name, renamed into place, then one syncfs -- and nothing else.

usage: write-files.py SOURCE TARGET
"""
import ctypes
import os
import sys

source, target = sys.argv[1], sys.argv[2]
os.makedirs(target, exist_ok=True)
for name in sorted(os.listdir(source)):
    with open(os.path.join(source, name), "rb") as f:
        data = f.read()
    temporary = os.path.join(target, "." + name + ".tmp")
    with open(temporary, "wb") as f:
        f.write(data)
    os.rename(temporary, os.path.join(target, name))
fd = os.open(target, os.O_RDONLY)
ctypes.CDLL(None, use_errno=True).syncfs(fd)
os.close(fd)
