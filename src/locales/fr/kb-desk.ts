// The knowledge base at work: suggestions while writing a ticket, the article panel of a ticket.
export const kbDesk = {
};
