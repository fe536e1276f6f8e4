interface User {
  id: number;
  name: string;
  tags?: string[];
}

// Generic repository.
export class Repo<T extends { id: number }> {
  private items = new Map<number, T>();
  save(item: T): void {
    this.items.set(item.id, item);
  }
  find(id: number): T | undefined {
    return this.items.get(id);
  }
}
type Handler = (u: User) => Promise<void>;
