// Validates the front matter of records against tandem's JSON Schemas in
// VS Code (extension unifiedjs.vscode-remark) and on the command line
// (npx remark content --frail). Install: npm install --no-save remark-frontmatter remark-lint-frontmatter-schema
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      {
        schemas: {
          "./schemas/clinic.schema.json": ["content/clinics/**/*.md"],
          "./schemas/sharer.schema.json": ["content/sharers/**/*.md"],
          "./schemas/topic.schema.json": ["content/topics/**/*.md"],
          "./schemas/newsletter.schema.json": ["content/newsletter/**/*.md"],
          "./schemas/page.schema.json": ["content/pages/**/*.md"],
        },
      },
    ],
  ],
};
