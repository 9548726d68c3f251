// What an output format is, in every format table (check, graph, drill, diff): an id, a line for --help, and a render over its context.

/**
 * A format renders one kind of context. Its `render` declares by its parameter type which
 * sections of the context it reads (a `Pick` of them), as vitest types each reporter's options.
 */
export interface Format<C> {
  id: string;
  description: string;
  render(ctx: C): string;
  /** The same text in pieces, for formats whose reports grow with the estate (JSON, DOT): written as made. */
  chunks?(ctx: C): Iterable<string>;
}

/** A format's render and chunks from one generator of pieces. */
export function streamed<C>(pieces: (ctx: C) => Iterable<string>): Pick<Format<C>, "render" | "chunks"> {
  return { render: (ctx) => [...pieces(ctx)].join(""), chunks: pieces };
}

/** The format of a table by id. */
export function findFormat<C>(id: string, table: readonly Format<C>[]): Format<C> | undefined {
  return table.find((f) => f.id === id);
}
