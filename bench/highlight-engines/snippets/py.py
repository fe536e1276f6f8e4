import asyncio
from dataclasses import dataclass

@dataclass
class Cache:
    """A tiny LRU cache."""
    size: int = 128

    def get(self, key: str) -> str | None:
        # look the key up
        return self._items.get(key, None)

async def main():
    for i in range(10):
        await asyncio.sleep(0.1 * i)
    print(f"done {i}")
