// The ids of the input formats, in the order a document is offered to them: the one list `Origin` and the format table are typed by.
export const FORMAT_IDS = ["catch22", "backstage", "compose"] as const;

/** An input format's id; a declaration's `origin`. */
export type FormatId = (typeof FORMAT_IDS)[number];
