"""`cmrkit import`: a report already filed on EDGAR (Form SD, Exhibit 1.01) turned into a filed
year of this repository: its pages, facts, Annex in the filed shape, filed record, and counts
bound to the data's figures, with a review file of every number touched or left typed."""
