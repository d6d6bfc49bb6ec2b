export { TaskStatus } from "../../../../islands/TaskStatus.tsx";
