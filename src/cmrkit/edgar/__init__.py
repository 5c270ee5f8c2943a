"""The EDGAR filing (Form SD and Exhibit 1.01) written from the same data and pages as the site.

`pages` renders the site's Markdown without MkDocs, `html32` reduces the HTML to the subset EDGAR
accepts, `render` assembles the documents, `check` validates any document against `rules.yml`."""
