import { readFile } from "node:fs/promises";

// Fetch a user and cache the result.
const cache = new Map();
export async function user(id) {
  if (cache.has(id)) return cache.get(id);
  const res = await fetch(`/api/users/${id}`);
  if (!res.ok) throw new Error("status " + res.status);
  const data = await res.json();
  cache.set(id, data);
  return data;
}
class Queue extends Array { push(x) { return super.push(x * 2); } }
