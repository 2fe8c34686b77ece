// 003: year-end summary sections (owned by the summary feature, issue 7).
export default /* sql */ `
SELECT 1;
`;
